// Content hashing for traces and seed derivation.
//
// Every value here depends only on the bytes or integers given, never on addresses, so a hash
// computed in one process equals the hash of the same content in any other process or build.
#pragma once

#include <bit>
#include <cstdint>
#include <string_view>

namespace aion::sim {

// The splitmix64 finalizer: a bijective avalanche of 64 bits.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Folds one more word into a running hash. Cheap enough to call several times per event; the
// rotation makes the result depend on the order of the words.
constexpr std::uint64_t fold(std::uint64_t hash, std::uint64_t word) {
  return (std::rotl(hash, 23) ^ word) * 0x9e3779b97f4a7c15ULL;
}

// FNV-1a over the text, finalized with mix64 so that short names spread over all 64 bits.
constexpr std::uint64_t hash_text(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  }
  return mix64(hash);
}

}  // namespace aion::sim
