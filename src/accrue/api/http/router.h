// Router: maps (method, path) to a route registered with a pattern such as
// "/v1/invoices/{id}/finalize".
//
// A pattern is a sequence of '/'-separated segments, each either a literal or a {name}
// parameter; a path matches when it has the same number of segments, every literal is equal and
// every parameter segment is non-empty. When several patterns of one method match, the one whose
// first differing segment is a literal wins ("/v1/invoices/search" before "/v1/invoices/{id}"),
// whatever the registration order. A path that matches only routes of other methods is "method
// not allowed" (HTTP 405, with the methods that would have matched); a path that matches nothing
// is "not found".
//
// Registering a malformed pattern, an unsupported method, or a route identical in shape to an
// existing one is a bug in the composition root and is checked.
//
// Thread-safety: Add() must finish before the first Match(); Match() is const and may then run
// concurrently (HttpServer registers every route before it starts serving).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "accrue/api/http/http_message.h"

namespace accrue::api {

// Methods HttpServer can dispatch (HEAD is served by the GET route).
inline constexpr std::string_view kRouterMethods[] = {"GET",   "POST",   "PUT",
                                                      "PATCH", "DELETE", "OPTIONS"};
// More segments than this is a typo in a pattern, not an API design.
inline constexpr size_t kRouteMaxSegments = 16;

struct Route {
  std::string method;
  std::string pattern;  // as registered; logged as "route" so log lines group by endpoint
  Handler handler;
};

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const Route* route = nullptr;      // kFound: owned by the Router
  std::vector<std::string> params;   // kFound: the {param} segments in order
  std::vector<std::string> allowed;  // kMethodNotAllowed: methods that match the path
};

class Router {
 public:
  void Add(std::string_view method, std::string_view pattern, Handler handler);
  // `method` as received; "HEAD" looks up GET routes.
  RouteMatch Match(std::string_view method, std::string_view path) const;

 private:
  struct Segment {
    std::string literal;  // empty for a parameter
    bool is_param = false;
  };
  struct Entry {
    Route route;
    std::vector<Segment> segments;
  };

  static bool Matches(const Entry& entry, const std::vector<std::string_view>& path_segments);
  // True when `a` should be preferred over `b` (both match the same path).
  static bool MoreSpecific(const Entry& a, const Entry& b);

  std::vector<Entry> entries_;
};

}  // namespace accrue::api
