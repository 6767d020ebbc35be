-- Claims record ids for their users: P:rid:<id> = user, with the record's TTL, unless the key exists. Used on a
-- standalone server only (the keys span slots), without the prelude: one call instead of one SET per id.
-- KEYS: the id keys. ARGV: (user, ttl ms) per key. Returns the 1-based positions of the keys that were taken.
local taken = {}
for i = 1, #KEYS do
  if not redis.call('SET', KEYS[i], ARGV[2 * i - 1], 'PX', ARGV[2 * i], 'NX') then taken[#taken + 1] = i end
end
return taken
