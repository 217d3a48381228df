"""Terminal chat: the same conversation, driven by lines of text on a stream.

Choices are printed as text (:mod:`bot.conversation.choice_text`): answers and confirmations as
numbered lines ("1. Đồng ý"), navigation as the command to type ("/bo_qua (Bỏ qua)"). Typing the
number, the label or the command presses that choice of the last message that offered any; a
number is never taken for navigation, so a number typed for a numeric field stays an answer.
Documents are written by the conversation into its documents folder; the terminal prints where
each file is. ``input``/``output`` are parameters so a test can drive a whole conversation
through ``io.StringIO``.

Several lines as one message (table rows pasted at once):

* on a terminal (TTY), lines that arrive within :data:`PASTE_GAP` seconds of each other are one
  message: a paste arrives as a burst, while lines typed by hand are seconds apart. The input's file
  descriptor is read directly and polled with ``select()`` (Python's own buffering would hide a
  burst already read);
* anywhere (and the only way with piped input), a line ``<<<`` opens a block and a line ``>>>``
  closes it; the lines between are one message. End of input inside a block sends what was read.
"""

from __future__ import annotations

import codecs
import os
import select
import sys
from typing import Protocol, TextIO

from bot import texts
from bot.conversation.choice_text import ChoiceMemory, render
from bot.conversation.messages import Incoming, Outgoing

CHANNEL = "terminal"
PROMPT = "> "
# Lines of a paste arrive within a few milliseconds; 80 ms is well below the gap between typed lines.
PASTE_GAP = 0.08
BLOCK_START = "<<<"
BLOCK_END = ">>>"


def banner(documents: object) -> str:
    """The terminal's first lines: where documents go, how to paste several lines, how to quit."""
    return "\n".join([texts.TERMINAL_BANNER.format(documents=documents), texts.TERMINAL_MULTILINE_HELP,
                      "Gõ /thoat để thoát.", ""])


EXIT_WORDS = {"/thoat", "/exit", "/quit", "thoat", "exit", "quit"}


class ConversationCore(Protocol):
    def handle(self, event: Incoming) -> list[Outgoing]: ...

    def due_reminders(self, channel: str) -> list[tuple[str, Outgoing]]: ...


class TerminalChat:
    """Read a line, hand it to the core, print the replies; until end of input or /thoat."""

    def __init__(
        self,
        core: ConversationCore,
        input: TextIO | None = None,
        output: TextIO | None = None,
        user_id: str = "local",
        user_name: str = "",
        is_admin: bool = True,
        show_prompt: bool | None = None,
    ) -> None:
        self.core = core
        self.input = input or sys.stdin
        self.output = output or sys.stdout
        self.user_id = user_id
        self.user_name = user_name
        self.is_admin = is_admin  # the person at the terminal runs the bot: they may add dispatches
        self.show_prompt = self.input.isatty() if show_prompt is None else show_prompt
        self._choices = ChoiceMemory()
        self._offered: list = []  # choices of the reply batch being shown
        self._leftover: list[str] = []  # lines read after a block's ">>>" in the same burst
        self._tty_fd: int | None = self._tty_descriptor()
        self._raw = b""  # bytes read from the TTY, not yet split into lines
        self._decoder = codecs.getincrementaldecoder(getattr(self.input, "encoding", None) or "utf-8")("replace")

    def _tty_descriptor(self) -> int | None:
        """The input's file descriptor when it is a terminal (burst reading); None for streams and pipes."""
        try:
            return self.input.fileno() if self.input.isatty() else None
        except (AttributeError, OSError, ValueError):
            return None

    # ---- reading ---------------------------------------------------------------------------
    def _read_group(self) -> list[str] | None:
        """The next lines that belong together: a TTY burst, or one line of a stream; None at end of input."""
        if self._tty_fd is None:
            line = self.input.readline()
            return None if not line else [line.rstrip("\r\n")]
        return self._read_burst(self._tty_fd)

    def _read_burst(self, fd: int) -> list[str] | None:
        """Lines from the terminal until it stays quiet for :data:`PASTE_GAP` after a complete line."""
        text = ""
        while True:
            if "\n" in text and not select.select([fd], [], [], PASTE_GAP)[0]:
                break
            chunk = os.read(fd, 65536)
            if not chunk:  # end of input (Ctrl-D): whatever was typed still counts
                text += self._decoder.decode(b"", final=True)
                if not text:
                    return None
                break
            text += self._decoder.decode(chunk)
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return lines

    def read_message(self) -> str | None:
        """The next message: a ``<<<`` … ``>>>`` block, a pasted burst, or one line; None at end of input."""
        group, self._leftover = (self._leftover or self._read_group()), []
        if group is None:
            return None
        if group[0].strip() != BLOCK_START:
            return "\n".join(group)
        body: list[str] = []
        rest: list[str] | None = group[1:]
        while rest is not None:
            for i, line in enumerate(rest):
                if line.strip() == BLOCK_END:
                    self._leftover = rest[i + 1:]
                    return "\n".join(body)
                body.append(line)
            rest = self._read_group()
        return "\n".join(body)  # end of input inside a block: send what was read, never drop it

    def event_for(self, line: str) -> Incoming:
        """Turn a typed line into an event: a shown choice's number, label or command presses it."""
        data = self._choices.resolve(self.user_id, line)
        if data is not None:
            return Incoming.press(CHANNEL, self.user_id, data, user_name=self.user_name, is_admin=self.is_admin)
        return Incoming.message(CHANNEL, self.user_id, line.rstrip("\n"), user_name=self.user_name,
                                is_admin=self.is_admin)

    def show(self, out: Outgoing) -> None:
        """Print one message with its choices as text; remember them so a number can pick them."""
        text = render(out.text, out.all_choices())
        if text:
            self.output.write(text.rstrip() + "\n")
        if out.document is not None:
            self.output.write(texts.TERMINAL_SAVED.format(path=out.document.path) + "\n")
        if out.choices:
            self._offered = out.all_choices()
        self.output.write("\n")

    def step(self, line: str) -> list[Outgoing]:
        """Handle one input line and print the replies (and any due reminders)."""
        replies = self.core.handle(self.event_for(line))
        self._offered = []
        for out in replies:
            self.show(out)
        for user_id, out in self.core.due_reminders(CHANNEL):
            if user_id == self.user_id:
                self.show(out)
        self._choices.offer(self.user_id, self._offered)
        self.output.flush()
        return replies

    def run(self, greet: bool = True) -> int:
        """The loop. Returns 0 at end of input or on /thoat."""
        if greet:
            self.step("/start")
        while True:
            if self.show_prompt and not self._leftover:
                self.output.write(PROMPT)
                self.output.flush()
            message = self.read_message()
            if message is None:
                return 0
            if message.strip().lower() in EXIT_WORDS:
                return 0
            if not message.strip():
                continue
            self.step(message)
