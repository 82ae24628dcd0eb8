#include "accrue/base/crypto.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "accrue/base/check.h"

namespace accrue {

namespace {

// OpenSSL 3 looks the algorithm up in its provider tables on every one-shot SHA256() call, which
// costs several times the hashing of a short input. The algorithm is fetched once per process
// and each thread reuses one digest context.
const EVP_MD* Sha256Algorithm() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  ACCRUE_CHECK(md != nullptr, "OpenSSL has no SHA-256");
  return md;
}

EVP_MD_CTX* ThreadDigestContext() {
  struct Holder {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Holder() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Holder holder;
  ACCRUE_CHECK(holder.ctx != nullptr, "out of memory for a digest context");
  return holder.ctx;
}

}  // namespace

std::string Sha256(std::string_view data) { return Sha256Of({data}); }

std::string Sha256Of(std::initializer_list<std::string_view> parts) {
  EVP_MD_CTX* ctx = ThreadDigestContext();
  ACCRUE_CHECK(EVP_DigestInit_ex2(ctx, Sha256Algorithm(), nullptr) == 1, "SHA-256 init failed");
  for (std::string_view part : parts) {
    ACCRUE_CHECK(EVP_DigestUpdate(ctx, part.data(), part.size()) == 1, "SHA-256 update failed");
  }
  std::string out(SHA256_DIGEST_LENGTH, '\0');
  unsigned int size = 0;
  ACCRUE_CHECK(EVP_DigestFinal_ex(ctx, reinterpret_cast<unsigned char*>(out.data()), &size) == 1,
               "SHA-256 final failed");
  return out;
}

std::string HexEncode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

std::string SecureRandomBytes(size_t count) {
  std::string out(count, '\0');
  int ok = RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count));
  ACCRUE_CHECK(ok == 1, "the OS random number generator failed");
  return out;
}

std::string Base64UrlEncode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  auto at = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t v = at(i) << 16;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
  } else if (rest == 2) {
    uint32_t v = (at(i) << 16) | (at(i + 1) << 8);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
  }
  return out;
}

}  // namespace accrue
