-- issue 12: SIGILL.
print(date("2026-01-01") + 1e300)
