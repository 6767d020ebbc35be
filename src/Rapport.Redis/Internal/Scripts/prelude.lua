-- Shared by every script. KEYS[1] is the user's version key '<prefix>:{<user>}:v'; every other key of the
-- user is built from the same base, so it carries the same hash tag and sits in the same cluster slot.
-- Instants are compared as 19-digit zero-padded tick strings (exact; Lua numbers are doubles).
local v = KEYS[1]
local base = string.sub(v, 1, -2)

-- Index keys live at least as long as the longest-lived record they index, then Redis drops them.
local function extend(key, ms)
  if ms <= 0 then return end
  local t = redis.call('PTTL', key)
  if t == -1 or (t >= 0 and t < ms) then redis.call('PEXPIRE', key, ms) end
end

-- A user's first version comes from the store-wide sequence (drawn by the caller, passed as 'epoch').
local function ensure_version(epoch)
  if redis.call('EXISTS', v) == 1 then return true end
  if epoch == '0' then return false end
  redis.call('SET', v, epoch)
  return true
end

local function bump(ttl)
  redis.call('INCR', v)
  for _, k in ipairs({v, base .. 'ids', base .. 'exp', base .. 'e', base .. 'refl'}) do extend(k, ttl) end
end

local function live(key, now)
  local x = redis.call('HGET', key, 'x')
  return x and x > now
end
