"""The trainers' scenario book: every conversation in tests/conversations/ that
has the trainer fields (``case``, ``learning_goal``, ``discussion``) is run
through the real assistant (:mod:`bot.conversation_harness`) and written to
``build/scenarios/`` as one ``index.html`` and one Markdown file per subject.
Everything the assistant says comes from the run, never from the file."""
