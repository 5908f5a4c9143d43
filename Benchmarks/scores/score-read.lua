-- GET /v1/profiles/{id}/scores for random profiles of the synthetic clientele (ids in $IDS_FILE).
local ids = {}
function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
end
wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
request = function()
  return wrk.format("GET", "/v1/profiles/" .. ids[math.random(1, #ids)] .. "/scores")
end
-- PACE_MS set: each connection waits that long after a response (a read below saturation).
local pace = tonumber(os.getenv("PACE_MS") or "")
if pace then
  delay = function() return pace end
end
