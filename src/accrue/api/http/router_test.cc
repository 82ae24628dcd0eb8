#include "accrue/api/http/router.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace accrue::api {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using Kind = RouteMatch::Kind;

HttpResponse Ok(const HttpRequest&) { return {}; }

TEST(RouterTest, MatchesLiteralsAndParams) {
  Router router;
  router.Add("GET", "/v1/invoices", Ok);
  router.Add("GET", "/v1/invoices/{id}", Ok);
  router.Add("POST", "/v1/invoices/{id}/finalize", Ok);
  router.Add("GET", "/v1/customers/{customer}/invoices/{invoice}", Ok);

  RouteMatch list = router.Match("GET", "/v1/invoices");
  ASSERT_EQ(list.kind, Kind::kFound);
  EXPECT_EQ(list.route->pattern, "/v1/invoices");
  EXPECT_THAT(list.params, IsEmpty());

  RouteMatch one = router.Match("GET", "/v1/invoices/in_123");
  ASSERT_EQ(one.kind, Kind::kFound);
  EXPECT_EQ(one.route->pattern, "/v1/invoices/{id}");
  EXPECT_THAT(one.params, ElementsAre("in_123"));

  RouteMatch finalize = router.Match("POST", "/v1/invoices/in_9/finalize");
  ASSERT_EQ(finalize.kind, Kind::kFound);
  EXPECT_EQ(finalize.route->method, "POST");
  EXPECT_THAT(finalize.params, ElementsAre("in_9"));

  RouteMatch two = router.Match("GET", "/v1/customers/cus_1/invoices/in_2");
  ASSERT_EQ(two.kind, Kind::kFound);
  EXPECT_THAT(two.params, ElementsAre("cus_1", "in_2"));
}

TEST(RouterTest, SegmentCountMustMatchExactly) {
  Router router;
  router.Add("GET", "/v1/invoices/{id}", Ok);
  EXPECT_EQ(router.Match("GET", "/v1/invoices").kind, Kind::kNotFound);
  EXPECT_EQ(router.Match("GET", "/v1/invoices/in_1/lines").kind, Kind::kNotFound);
  EXPECT_EQ(router.Match("GET", "/v1/invoices/in_1/").kind, Kind::kNotFound);  // trailing slash
  EXPECT_EQ(router.Match("GET", "/v1/invoices/").kind, Kind::kNotFound);       // empty param
  EXPECT_EQ(router.Match("GET", "/v1//in_1").kind, Kind::kNotFound);
  EXPECT_EQ(router.Match("GET", "v1/invoices/in_1").kind, Kind::kNotFound);
  EXPECT_EQ(router.Match("GET", "").kind, Kind::kNotFound);
  EXPECT_EQ(router.Match("GET", "/").kind, Kind::kNotFound);
  EXPECT_EQ(router.Match("GET", "/V1/invoices/in_1").kind, Kind::kNotFound);  // case-sensitive
}

TEST(RouterTest, LiteralBeatsParamWhateverTheOrder) {
  for (bool literal_first : {true, false}) {
    Router router;
    if (literal_first) router.Add("GET", "/v1/invoices/search", Ok);
    router.Add("GET", "/v1/invoices/{id}", Ok);
    router.Add("GET", "/v1/{resource}/upcoming", Ok);
    if (!literal_first) router.Add("GET", "/v1/invoices/search", Ok);
    EXPECT_EQ(router.Match("GET", "/v1/invoices/search").route->pattern, "/v1/invoices/search");
    EXPECT_EQ(router.Match("GET", "/v1/invoices/in_1").route->pattern, "/v1/invoices/{id}");
    // The first differing segment decides: "invoices" (literal) beats "{resource}".
    EXPECT_EQ(router.Match("GET", "/v1/invoices/upcoming").route->pattern, "/v1/invoices/{id}");
    EXPECT_EQ(router.Match("GET", "/v1/plans/upcoming").route->pattern, "/v1/{resource}/upcoming");
  }
}

TEST(RouterTest, MethodNotAllowedListsTheMethodsThatMatch) {
  Router router;
  router.Add("GET", "/v1/invoices/{id}", Ok);
  router.Add("DELETE", "/v1/invoices/{id}", Ok);
  router.Add("POST", "/v1/invoices", Ok);
  RouteMatch match = router.Match("PUT", "/v1/invoices/in_1");
  EXPECT_EQ(match.kind, Kind::kMethodNotAllowed);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_THAT(match.allowed, UnorderedElementsAre("GET", "DELETE"));
  EXPECT_EQ(router.Match("GET", "/v1/invoices").kind, Kind::kMethodNotAllowed);
}

TEST(RouterTest, MethodIsPreferredOverSpecificity) {
  Router router;
  router.Add("GET", "/v1/invoices/{id}", Ok);
  router.Add("POST", "/v1/invoices/search", Ok);
  // A GET on the literal path still finds the GET route rather than reporting 405.
  RouteMatch match = router.Match("GET", "/v1/invoices/search");
  ASSERT_EQ(match.kind, Kind::kFound);
  EXPECT_EQ(match.route->pattern, "/v1/invoices/{id}");
  EXPECT_THAT(match.allowed, IsEmpty());
}

TEST(RouterTest, HeadUsesGetRoutes) {
  Router router;
  router.Add("GET", "/healthz", Ok);
  EXPECT_EQ(router.Match("HEAD", "/healthz").kind, Kind::kFound);
  EXPECT_EQ(router.Match("POST", "/healthz").kind, Kind::kMethodNotAllowed);
}

TEST(RouterTest, CallsTheRegisteredHandler) {
  Router router;
  router.Add("GET", "/a/{x}", [](const HttpRequest& request) {
    HttpResponse response;
    response.status = 201;
    response.body = request.path_params.at(0);
    return response;
  });
  RouteMatch match = router.Match("GET", "/a/b");
  HttpRequest request;
  request.path_params = match.params;
  HttpResponse response = match.route->handler(request);
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, "b");
}

TEST(RouterDeathTest, RejectsMalformedRegistrations) {
  EXPECT_DEATH(Router().Add("GET", "v1/x", Ok), "must start with '/'");
  EXPECT_DEATH(Router().Add("GET", "/v1//x", Ok), "empty segment");
  EXPECT_DEATH(Router().Add("GET", "/v1/x/", Ok), "empty segment");
  EXPECT_DEATH(Router().Add("GET", "/v1/{Id}", Ok), "lower_snake_case");
  EXPECT_DEATH(Router().Add("GET", "/v1/{}", Ok), "lower_snake_case");
  EXPECT_DEATH(Router().Add("GET", "/v1/x{id}", Ok), "braces inside");
  EXPECT_DEATH(Router().Add("FETCH", "/v1/x", Ok), "unsupported method");
  EXPECT_DEATH(Router().Add("GET", "/v1/x", nullptr), "null handler");
  EXPECT_DEATH(
      {
        Router router;
        router.Add("GET", "/v1/invoices/{id}", Ok);
        router.Add("GET", "/v1/invoices/{invoice}", Ok);
      },
      "already exists");
}

}  // namespace
}  // namespace accrue::api
