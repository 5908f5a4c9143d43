-- GET /v1/profiles?identifier=email:... for users the track scenario created.
function init(args) math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)) end
wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
request = function()
  return wrk.format("GET", "/v1/profiles?identifier=email:u-" .. math.random(1, 15000) .. "%40example.com")
end
