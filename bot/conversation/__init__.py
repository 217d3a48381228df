"""The conversation: one model of the chat, shared by every messenger adapter.

    from bot.conversation import Core, Incoming, Outgoing, Choice
    core = Core(store)                  # storage.Store; knowledge link and templates by default
    replies = core.handle(Incoming.message("terminal", "u1", "/mau"))

Modules: ``messages`` (Incoming, Outgoing, Choice, Document), ``actions`` (typed actions and THE
callback encoding), ``intents`` (classify a message once), ``pending`` (what the bot waits for,
a typed union saved with the user), ``router`` (the (state, intent) → handler table), handlers
``drafts``, ``form``, ``exporting``, ``profile``, ``same``, ``files``; ``views`` (questions and
menus as messages), ``choice_text`` (choices as numbered lines for channels without buttons),
``context`` (one event's view of the user; the one way to persist a form step), ``core`` (facade).
"""

from bot.conversation.core import Core
from bot.conversation.messages import Choice, Document, Incoming, IncomingFile, Outgoing

__all__ = ["Core", "Choice", "Document", "Incoming", "IncomingFile", "Outgoing"]
