// host/http's HttpServer end to end: a real server on an ephemeral port, a real httplib::Client.
// Every answer the layer makes is checked for its status and its JSON error shape.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "http/http_error.hpp"
#include "http/http_server.hpp"
#include "http/json_body.hpp"
#include "http/json_response.hpp"
#include "http/request_body.hpp"

namespace tc::http {
namespace {

constexpr std::string_view kGoodToken = "good-token";
constexpr std::size_t kMaxBody = 64;

class HttpServerTest : public ::testing::Test {
 protected:
  HttpServerTest()
      : server_({.port = 0,
                 .threads = 4,
                 .max_body = kMaxBody,
                 .realm = "test",
                 .public_paths = {"/open"},
                 .authenticate = [](const httplib::Request&,
                                    std::string_view token) { return token == kGoodToken; },
                 .log_error = [this](std::string_view line) { logged_.emplace_back(line); }}) {
    httplib::Server& s = server_.server();
    s.Get("/open", [](const httplib::Request&, httplib::Response& res) {
      send_json(res, 200, {{"ok", true}});
    });
    s.Get("/closed", [](const httplib::Request&, httplib::Response& res) {
      send_json(res, 200, {{"ok", true}});
    });
    s.Get("/refuse", [](const httplib::Request&, httplib::Response&) {
      throw HttpError(409, "taken", "the name is taken", {{"field", "name"}});
    });
    s.Get("/crash",
          [](const httplib::Request&, httplib::Response&) { throw std::logic_error("a bug"); });
    s.Post("/echo", with_body([](const httplib::Request& req, httplib::Response& res,
                                 const std::string& body) {
             send_json(res, 200,
                       {{"got", json_body(req.get_header_value("Content-Type"), body, true)}});
           }));
    EXPECT_EQ(server_.start(), "");
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_.port());
    client_->set_read_timeout(30, 0);
    client_->set_bearer_token_auth(std::string(kGoodToken));
  }

  // The status and the parsed body of an answer that must be JSON.
  static std::pair<int, Json> answer(const httplib::Result& r) {
    EXPECT_TRUE(r);
    if (!r) return {0, {}};
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json") << r->body;
    return {r->status, Json::parse(r->body, nullptr, false)};
  }
  // The status and error code of a JSON error answer, its shape checked.
  static std::pair<int, std::string> error(const httplib::Result& r) {
    const auto [status, body] = answer(r);
    const Json& e = body.is_object() ? body["error"] : Json();
    EXPECT_TRUE(e.is_object()) << body;
    if (!e.is_object()) return {status, ""};
    EXPECT_EQ(e.value("status", 0), status);
    EXPECT_TRUE(e.contains("message"));
    return {status, e.value("code", "")};
  }

  std::vector<std::string> logged_;
  HttpServer server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(HttpServerTest, PublicPathsNeedNoToken) {
  httplib::Client anonymous("127.0.0.1", server_.port());
  EXPECT_EQ(answer(anonymous.Get("/open")).first, 200);
}

TEST_F(HttpServerTest, OtherPathsAnswer401WithoutAGoodToken) {
  httplib::Client anonymous("127.0.0.1", server_.port());
  const auto missing = anonymous.Get("/closed");
  EXPECT_EQ(error(missing), std::make_pair(401, std::string("missing_token")));
  EXPECT_EQ(missing->get_header_value("WWW-Authenticate"), "Bearer realm=\"test\"");
  anonymous.set_bearer_token_auth("bad-token");
  EXPECT_EQ(error(anonymous.Get("/closed")), std::make_pair(401, std::string("invalid_token")));
  anonymous.set_basic_auth("user", "password");
  EXPECT_EQ(error(anonymous.Get("/closed")), std::make_pair(401, std::string("invalid_token")));
  EXPECT_EQ(answer(client_->Get("/closed")).first, 200);
}

TEST_F(HttpServerTest, AnUnknownPathIsAJson404) {
  EXPECT_EQ(error(client_->Get("/nothing/here")), std::make_pair(404, std::string("not_found")));
}

TEST_F(HttpServerTest, AHandlersHttpErrorKeepsItsDetails) {
  const auto r = client_->Get("/refuse");
  EXPECT_EQ(error(r), std::make_pair(409, std::string("taken")));
  EXPECT_EQ(answer(r).second["error"]["field"], "name");
}

TEST_F(HttpServerTest, AnyOtherExceptionIsAJson500AndLogged) {
  EXPECT_EQ(error(client_->Get("/crash")), std::make_pair(500, std::string("internal_error")));
  ASSERT_EQ(logged_.size(), 1u);
  EXPECT_EQ(logged_[0], "GET /crash: a bug");
}

TEST_F(HttpServerTest, ABodyOverTheLimitIs413) {
  const std::string big = "[" + std::string(kMaxBody, ' ') + "]";
  EXPECT_EQ(error(client_->Post("/echo", big, "application/json")),
            std::make_pair(413, std::string("body_too_large")));
}

TEST_F(HttpServerTest, APostWithoutABodyIsServedAtOnce) {
  // No Content-Length: httplib 0.11 alone would wait for the read timeout, then answer 400.
  httplib::Request bare;
  bare.method = "POST";
  bare.path = "/echo";
  bare.set_header("Authorization", "Bearer " + std::string(kGoodToken));
  const auto r = client_->send(bare);
  EXPECT_EQ(answer(r), std::make_pair(200, Json{{"got", Json::object()}}));
}

TEST_F(HttpServerTest, JsonBodiesAreReadOrRefused) {
  EXPECT_EQ(answer(client_->Post("/echo", R"({"a":1})", "application/json; charset=utf-8")),
            std::make_pair(200, Json{{"got", {{"a", 1}}}}));
  EXPECT_EQ(error(client_->Post("/echo", "{", "application/json")),
            std::make_pair(400, std::string("malformed_json")));
  EXPECT_EQ(error(client_->Post("/echo", "{}", "text/plain")),
            std::make_pair(415, std::string("unsupported_media_type")));
}

TEST_F(HttpServerTest, ASecondServerCannotTakeTheSamePort) {
  HttpServerOptions same_port;
  same_port.port = server_.port();
  HttpServer second(same_port);
  EXPECT_EQ(second.start(), "cannot bind HTTP to 127.0.0.1:" + std::to_string(server_.port()));
}

TEST(HttpErrorTest, LayerErrorsHaveStableCodes) {
  EXPECT_EQ(http_layer_error(404).code(), "not_found");
  EXPECT_EQ(http_layer_error(413).code(), "body_too_large");
  EXPECT_EQ(http_layer_error(418).code(), "http_error");
  EXPECT_EQ(error_body(400, "bad_field", "x", {{"field", "name"}}),
            Json::parse(R"({"error":{"status":400,"code":"bad_field","message":"x",
                          "field":"name"}})"));
}

}  // namespace
}  // namespace tc::http
