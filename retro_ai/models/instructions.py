"""The JSON instruction both adapters append when the server cannot enforce a schema itself.

Kept here (no openai, no LangChain import) so the OpenAI json_object/text rungs and the LangChain
adapter send the same words, and tests can find the schema `title` in the request.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from retro_ai.models.base import Message

MAX_ITEMS = 25
MAX_CHARS = 400


def bounded_schema(output: type[BaseModel]) -> dict[str, Any]:
    """`output`'s JSON Schema with every list and string given an upper bound.

    Servers that compile the schema into a grammar (llama.cpp, vLLM) then cannot loop on a list
    or a string until the token limit, which small models do; 25 items and 400 characters are
    far above what one retrospective section holds.
    """
    schema = output.model_json_schema()

    def bound(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "array":
                node.setdefault("maxItems", MAX_ITEMS)
            elif node.get("type") == "string" and "enum" not in node:
                node.setdefault("maxLength", MAX_CHARS)
            for value in node.values():
                bound(value)
        elif isinstance(node, list):
            for value in node:
                bound(value)

    bound(schema)
    return schema


def schema_instruction(output: type[BaseModel]) -> str:
    """Tell the model to answer with bare JSON matching `output`'s schema.

    Contains the word "JSON" (OpenAI, DeepSeek and DashScope reject json_object requests without
    it) and the full schema, whose `"title": "<Name>"` identifies the stage's output model.
    """
    schema = json.dumps(bounded_schema(output), ensure_ascii=False)
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
