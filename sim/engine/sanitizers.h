// Which sanitizer this translation unit is built with, as two constexpr flags, so that fiber
// code can annotate stack switches for AddressSanitizer and ThreadSanitizer (GCC defines
// __SANITIZE_*__, Clang answers __has_feature).
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define AION_SIM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AION_SIM_ASAN 1
#endif
#endif

#if defined(__SANITIZE_THREAD__)
#define AION_SIM_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define AION_SIM_TSAN 1
#endif
#endif

#ifndef AION_SIM_ASAN
#define AION_SIM_ASAN 0
#endif
#ifndef AION_SIM_TSAN
#define AION_SIM_TSAN 0
#endif
