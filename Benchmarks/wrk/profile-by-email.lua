-- GET /v1/profiles?identifier=email:... for the users scripts/bench seeds
-- (u-1 … u-20000, all present). PACE_MS set: each connection waits that long after a response
-- before its next request, so connections × 1000 / (PACE_MS + latency) sets the rate (wrk
-- measures latency from each request's send; no correction for coordinated omission).
function init(args) math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)) end
wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
request = function()
  return wrk.format("GET", "/v1/profiles?identifier=email:u-" .. math.random(1, 20000) .. "%40example.com")
end
local pace = tonumber(os.getenv("PACE_MS") or "")
if pace then
  delay = function() return pace end
end
