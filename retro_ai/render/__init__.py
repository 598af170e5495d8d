"""Render: the template view, Markdown through Jinja2 (a bounded sandbox for custom templates),
HTML and DOCX converted from the Markdown, and writing the files all or nothing."""
