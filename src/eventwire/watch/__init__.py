"""Live monitoring (issue 18): poll feeds, store what is new, alert on what matters.

sources.py   the sources file (YAML) -> Source records
rules.py     alert rules -> Rule records, and whether an event matches one
fetch.py     polite HTTP: one request per host at a time, robots.txt, retries, conditional GETs
items.py     a fetched feed -> FeedItems; a fetched page -> Article
state.py     watch tables: sources' poll state, seen items, stories, sent alerts
stories.py   incremental dedup: does a new event report a known one?
alerts.py    which alerts to send for a stored article, and the sinks that send them
watcher.py   one poll cycle, and the loop around it
check.py     `eventwire sources check`: each feed fetched once, as a table
"""
