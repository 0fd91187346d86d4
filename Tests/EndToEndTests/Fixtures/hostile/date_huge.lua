-- issue 12: SIGILL.
print(date(1e308))
