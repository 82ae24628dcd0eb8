#include "accrue/api/http/router.h"

#include <algorithm>

#include "accrue/base/check.h"

namespace accrue::api {
namespace {

// "/a/b/c" -> {"a", "b", "c"}; "/a/" -> {"a", ""} (so a trailing slash never matches a pattern,
// whose segments are all non-empty). Returns false when `path` does not start with '/' or has
// more than kRouteMaxSegments segments.
bool SplitPath(std::string_view path, std::vector<std::string_view>& segments) {
  segments.clear();
  if (path.empty() || path.front() != '/') return false;
  path.remove_prefix(1);
  while (true) {
    if (segments.size() == kRouteMaxSegments) return false;
    size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return true;
    path.remove_prefix(slash + 1);
  }
}

bool IsParamName(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string_view RouteMethod(std::string_view method) { return method == "HEAD" ? "GET" : method; }

}  // namespace

void Router::Add(std::string_view method, std::string_view pattern, Handler handler) {
  ACCRUE_CHECK(std::find(std::begin(kRouterMethods), std::end(kRouterMethods), method) !=
                   std::end(kRouterMethods),
               "Router::Add: unsupported method");
  ACCRUE_CHECK(handler != nullptr, "Router::Add: null handler");
  std::vector<std::string_view> parts;
  ACCRUE_CHECK(SplitPath(pattern, parts), "Router::Add: pattern must start with '/'");
  Entry entry{{std::string(method), std::string(pattern), std::move(handler)}, {}};
  for (std::string_view part : parts) {
    ACCRUE_CHECK(!part.empty(), "Router::Add: empty segment in pattern");
    if (part.front() == '{') {
      ACCRUE_CHECK(part.back() == '}' && IsParamName(part.substr(1, part.size() - 2)),
                   "Router::Add: a parameter segment is {lower_snake_case}");
      entry.segments.push_back({"", true});
    } else {
      ACCRUE_CHECK(part.find_first_of("{}") == std::string_view::npos,
                   "Router::Add: braces inside a literal segment");
      entry.segments.push_back({std::string(part), false});
    }
  }
  for (const Entry& existing : entries_) {
    bool same_shape = existing.route.method == method &&
                      existing.segments.size() == entry.segments.size() &&
                      std::equal(existing.segments.begin(), existing.segments.end(),
                                 entry.segments.begin(), [](const Segment& a, const Segment& b) {
                                   return a.is_param == b.is_param && a.literal == b.literal;
                                 });
    ACCRUE_CHECK(!same_shape, "Router::Add: a route with this method and shape already exists");
  }
  entries_.push_back(std::move(entry));
}

bool Router::Matches(const Entry& entry, const std::vector<std::string_view>& path_segments) {
  if (entry.segments.size() != path_segments.size()) return false;
  for (size_t i = 0; i < path_segments.size(); ++i) {
    const Segment& segment = entry.segments[i];
    if (segment.is_param ? path_segments[i].empty() : segment.literal != path_segments[i]) {
      return false;
    }
  }
  return true;
}

bool Router::MoreSpecific(const Entry& a, const Entry& b) {
  for (size_t i = 0; i < a.segments.size(); ++i) {
    if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
  }
  return false;
}

RouteMatch Router::Match(std::string_view method, std::string_view path) const {
  RouteMatch match;
  std::vector<std::string_view> parts;
  if (!SplitPath(path, parts)) return match;
  std::string_view route_method = RouteMethod(method);
  const Entry* best = nullptr;
  for (const Entry& entry : entries_) {
    if (!Matches(entry, parts)) continue;
    if (entry.route.method != route_method) {
      if (std::find(match.allowed.begin(), match.allowed.end(), entry.route.method) ==
          match.allowed.end()) {
        match.allowed.push_back(entry.route.method);
      }
      continue;
    }
    if (best == nullptr || MoreSpecific(entry, *best)) best = &entry;
  }
  if (best == nullptr) {
    match.kind =
        match.allowed.empty() ? RouteMatch::Kind::kNotFound : RouteMatch::Kind::kMethodNotAllowed;
    return match;
  }
  match.kind = RouteMatch::Kind::kFound;
  match.route = &best->route;
  match.allowed.clear();
  for (size_t i = 0; i < parts.size(); ++i) {
    if (best->segments[i].is_param) match.params.emplace_back(parts[i]);
  }
  return match;
}

}  // namespace accrue::api
