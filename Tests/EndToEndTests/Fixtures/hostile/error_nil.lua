-- A nil error value reaches the top level: its message must say so.
calls:where(function() error() end):count()
