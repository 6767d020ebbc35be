-- The user's version, or nil (a search reads it first; the prelude brings layout-1 data up to date).
return redis.call('GET', v)
