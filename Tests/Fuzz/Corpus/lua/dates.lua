return date("2026-10-01") + 1, date("-7d"), tostring(date(0)), calls:between(date("2026-09-01"), "2026-09-30"):count()
