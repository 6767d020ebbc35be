-- Binds the store to an embedder. KEYS[1]: the embedder key. ARGV: embedder, '1' to replace a different one.
-- Returns the embedder bound after the call.
local bound = redis.call('GET', KEYS[1])
if bound and ARGV[2] ~= '1' then return bound end
redis.call('SET', KEYS[1], ARGV[1])
return ARGV[1]
