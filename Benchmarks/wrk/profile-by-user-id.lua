-- GET /v1/profiles?identifier=user_id:... for users the track scenario created.
function init(args) math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)) end
wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
request = function()
  return wrk.format("GET", "/v1/profiles?identifier=user_id:u-" .. math.random(1, 15000))
end
