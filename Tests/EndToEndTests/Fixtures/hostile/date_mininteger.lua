-- issue 12: SIGILL.
print(date(math.mininteger))
