local f = tenant:fork("f") f.users:where{department="Sales"}:count() return f.counts, users:count(), cohorts, route{from="a@contoso.com", client="sfb", to="b@contoso.com"}
