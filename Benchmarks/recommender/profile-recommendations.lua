-- GET /v1/profiles/{id}/recommendations for random consenting profiles (ids in $IDS_FILE).
local ids = {}
function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
end
wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
request = function()
  return wrk.format("GET", "/v1/profiles/" .. ids[math.random(1, #ids)] .. "/recommendations?limit=10")
end
