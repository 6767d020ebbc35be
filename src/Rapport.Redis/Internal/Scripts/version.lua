-- The user's version and change counter, or nil (a search reads them first; the prelude brings layout-1 data up to date).
-- The change feed 'chg' is a sorted set: each intervention id scored by the counter at its last change, plus '#' holding
-- the counter, which every write that bumps the version bumps too. ARGV[1]: '' for the version alone; 'all' for the
-- version and every intervention id (a cold load); a counter for the version and the ids changed after it (a refresh).
local cur = redis.call('GET', v)
if not cur then return false end
local counter = redis.call('ZSCORE', base .. 'chg', '#') or '0'
local since = ARGV[1]
if since == 'all' then return {cur, counter, redis.call('ZRANGE', base .. 'ids', 0, -1)} end
if since == nil or since == '' or since == counter then return {cur, counter} end
return {cur, counter, redis.call('ZRANGEBYSCORE', base .. 'chg', '(' .. since, '+inf')}
