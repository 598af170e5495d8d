"""The JSON instruction both adapters append when the server cannot enforce a schema itself.

Kept here (no openai, no LangChain import) so the OpenAI json_object/text rungs and the LangChain
adapter send the same words, and tests can find the schema `title` in the request.
"""

from __future__ import annotations

import json

from pydantic import BaseModel

from retro_ai.models.base import Message


def schema_instruction(output: type[BaseModel]) -> str:
    """Tell the model to answer with bare JSON matching `output`'s schema.

    Contains the word "JSON" (OpenAI, DeepSeek and DashScope reject json_object requests without
    it) and the full schema, whose `"title": "<Name>"` identifies the stage's output model.
    """
    schema = json.dumps(output.model_json_schema(), ensure_ascii=False)
    return (
        "Reply with a single JSON object only, no prose and no Markdown fences. "
        f"It must validate against this JSON Schema:\n{schema}"
    )


def with_instruction(messages: list[Message], output: type[BaseModel]) -> list[Message]:
    """Return a copy of `messages` with the schema instruction appended to the last user message.

    Copies so a caller's messages (reused across re-asks) are never mutated; adds a user message
    when there is none.
    """
    out = [dict(m) for m in messages]
    text = schema_instruction(output)
    for m in reversed(out):
        if m.get("role") == "user":
            m["content"] = f"{m.get('content') or ''}\n\n{text}"
            break
    else:
        out.append({"role": "user", "content": text})
    return out
