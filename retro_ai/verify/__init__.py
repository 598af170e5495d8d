"""Verify and compute: quotes located in the sources, numbers read, achievement, dates, incident
times, metric rows reconciled with goals, and the open questions left for the editor."""
