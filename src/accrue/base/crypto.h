// Hashing and randomness from OpenSSL, behind plain functions so no other file includes OpenSSL.
// Thread-safe.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace accrue {

// 32 raw bytes.
std::string Sha256(std::string_view data);
// SHA-256 of the concatenation of `parts`, without building it.
std::string Sha256Of(std::initializer_list<std::string_view> parts);
std::string HexEncode(std::string_view bytes);
// Cryptographically secure random bytes; aborts if the OS CSPRNG fails (nothing safe to do).
std::string SecureRandomBytes(size_t count);
// Unpadded base64url, for secrets that travel in headers.
std::string Base64UrlEncode(std::string_view bytes);

}  // namespace accrue
