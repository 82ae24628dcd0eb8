#include "accrue/time/time_zone.h"

#include <fmt/format.h>

#include <functional>
#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "accrue/base/strings.h"

namespace accrue {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || IsUpper(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '+' || c == '.';
}

// IANA names are '/'-separated components of ASCII letters, digits and "_-+.", and every name in
// tzdata starts each component with a capital letter ("Etc/GMT+1", "America/Port-au-Prince",
// "EST5EDT"). Requiring that shuts out everything abseil's loader would otherwise interpret:
// absolute paths, "..", "file:" and "Fixed/UTC+01:00:00" prefixes, "localtime", the lowercase
// files beside the zones (posixrules, tzdata.zi, zone.tab) and the posix/ and right/ copies.
bool LooksLikeIanaName(std::string_view name) {
  if (name.empty() || name.size() > kTimeZoneNameLengthMax) return false;
  bool at_component_start = true;
  for (char c : name) {
    if (at_component_start) {
      if (!IsUpper(c)) return false;
      at_component_start = false;
    } else if (c == '/') {
      at_component_start = true;
    } else if (!IsNameChar(c)) {
      return false;
    }
  }
  // A trailing '/' leaves an empty last component.
  return !at_component_start;
}

// "Factory" is a real tzdata entry, but it means "local time is unknown" and renders as "-00";
// no customer lives there.
bool IsPlaceholderZone(std::string_view name) { return name == "Factory"; }

// Successful loads only, so the map is bounded by the number of zones in tzdata. Unknown names
// are not remembered here: they come from API input and would grow the map without limit.
// (abseil keeps its own per-name map, failures included; LooksLikeIanaName limits what reaches
// it to short IANA-shaped names.)
class ZoneCache {
 public:
  bool Find(std::string_view name, absl::TimeZone* tz) const ABSL_LOCKS_EXCLUDED(mu_) {
    absl::ReaderMutexLock lock(&mu_);
    auto it = zones_.find(name);
    if (it == zones_.end()) return false;
    *tz = it->second;
    return true;
  }
  void Insert(std::string_view name, absl::TimeZone tz) ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    zones_.emplace(std::string(name), tz);
  }

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, absl::TimeZone, std::less<>> zones_ ABSL_GUARDED_BY(mu_);
};

ZoneCache& Cache() {
  // Leaked on purpose: zones may be loaded from threads still running during static destruction.
  static auto* cache = new ZoneCache;
  return *cache;
}

Status UnknownZone(std::string_view name) {
  std::string_view shown = name.substr(0, kTimeZoneNameLengthMax);
  return InvalidArgument({}, "time_zone.unknown",
                         fmt::format("unknown time zone '{}'{}: expected an IANA name such as "
                                     "'Europe/Berlin' or 'UTC'",
                                     shown, shown.size() < name.size() ? "..." : ""));
}

}  // namespace

Result<absl::TimeZone> LoadTimeZone(std::string_view iana_name) {
  if (!LooksLikeIanaName(iana_name) || IsPlaceholderZone(iana_name)) return UnknownZone(iana_name);
  absl::TimeZone tz;
  if (Cache().Find(iana_name, &tz)) return tz;
  // Loaded outside our lock: abseil's loader is thread-safe and reads a file the first time.
  // Two threads racing on the same new name both load it; the second insert is a no-op.
  if (!absl::LoadTimeZone(AsAbsl(iana_name), &tz)) return UnknownZone(iana_name);
  Cache().Insert(iana_name, tz);
  return tz;
}

}  // namespace accrue
