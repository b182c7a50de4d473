wrk.method = "POST"
wrk.body = "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"state_call\",\"params\":[\"ConsentApi_check_access\",\"\"]}"
wrk.headers["Content-Type"] = "application/json"
