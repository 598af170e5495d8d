"""Model adapters. Only `openai_chat` imports openai and only `langchain_chat` imports LangChain."""

from retro_ai.models.base import ChatModel, Completion, Message

__all__ = ["ChatModel", "Completion", "Message"]
