"""Anonymous usage figures for the regional steering group.

Per conversation only the day, the channel type, the subjects entered, whether
an answer named people and whether the conversation ended in a fallback are
recorded (:mod:`bot.usage.record`), by an event broker (:mod:`bot.usage.broker`)
while the conversation happens, so the figures survive the retention clean-up
of conversations. :mod:`bot.usage.report` turns them into a week × subject
table, a CSV file and a chart.
"""
