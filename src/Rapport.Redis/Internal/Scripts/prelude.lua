-- Shared by every script but claim.lua and record.lua. KEYS[1] is the user's version key '<prefix>:{<user>}:v'; every other key of
-- the user is built from the same base, so it carries the same hash tag and sits in the same cluster slot.
-- Instants are compared as 19-digit zero-padded tick strings (exact; Lua numbers are doubles). An intervention is
-- the string 'iv:<id>' (InterventionValue.cs) whose first 19 bytes are its expiry.
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

-- Every version bump moves the change counter ('#' in 'chg', see version.lua) with it.
local function bump(ttl)
  redis.call('INCR', v)
  redis.call('ZINCRBY', base .. 'chg', 1, '#')
  for _, k in ipairs({v, base .. 'ids', base .. 'exp', base .. 'refl', base .. 'chg'}) do extend(k, ttl) end
end

-- Reflections and the profile are hashes with the expiry in field 'x'.
local function live(key, now)
  local x = redis.call('HGET', key, 'x')
  return x and x > now
end

local function live_intervention(id, now)
  return redis.call('GETRANGE', base .. 'iv:' .. id, 0, 18) > now
end

-- Layout 1 (the first, unreleased layout): an intervention was a hash 'i:<id>' plus an entry in the hash 'e' (VectorEntryCodec:
-- outcome, layout, quality, created, expires, five texts with 2-byte lengths, the vector). The first script that
-- touches such a user rewrites every record in layout 2 with its remaining TTL, then drops 'e'.
local function u32(s)
  if not s then return '\255\255\255\255' end
  local n = #s
  return string.char(n % 256, math.floor(n / 256) % 256, math.floor(n / 65536) % 256, math.floor(n / 16777216)) .. s
end

local function upgrade()
  local vectors = base .. 'e'
  for _, id in ipairs(redis.call('ZRANGE', base .. 'ids', 0, -1)) do
    local old = base .. 'i:' .. id
    local flat = redis.call('HGETALL', old)
    if #flat > 0 then
      local f = {}
      for i = 1, #flat, 2 do f[flat[i]] = flat[i + 1] end
      local entry = redis.call('HGET', vectors, id)
      local ttl = redis.call('PTTL', old)
      if entry and ttl > 0 then
        local p = 27
        for _ = 1, 5 do
          local n = string.byte(entry, p) + 256 * string.byte(entry, p + 1)
          if n == 65535 then n = 0 end
          p = p + 2 + n
        end
        local scores, metadata = f.sc or '', f.m or ''
        if scores == '{}' then scores = '' end
        if metadata == '{}' then metadata = '' end
        redis.call('SET', base .. 'iv:' .. id,
          f.x .. '2' .. f.o .. (f.r or '0') .. (f.oa or string.rep(' ', 19)) .. f.c .. string.sub(entry, 3, 10)
          .. u32(f.k) .. u32(f.em or '') .. u32(f.sit) .. u32(f.txt) .. u32(f.s) .. u32(f.tool) .. u32(scores) .. u32(metadata)
          .. string.sub(entry, p), 'PX', ttl, 'NX')
      end
      redis.call('DEL', old)
    end
  end
  redis.call('DEL', vectors)
end

if redis.call('EXISTS', base .. 'e') == 1 then upgrade() end
