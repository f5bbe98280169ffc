-- One inference event per request on a hot set of 20 models.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"providerId":"hot","modelId":"hot-%d"}', counter % 20)
  return wrk.format(nil, nil, nil, body)
end
