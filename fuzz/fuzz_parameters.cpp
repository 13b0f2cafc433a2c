// libFuzzer target for the parameter-file layer (docs/fuzzing.md): any byte sequence must give
// either an InputError, or a RunSpec that satisfies every documented constraint and whose first
// point, shrunk to a tiny size, runs (the check == run contract, fuzz/run_contract.hpp). Anything
// else -- a crash, another exception, a sanitizer report, a time-out -- is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "run_contract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  hebbmc::runs::contract::apply(text, "fuzz.toml");
  return 0;
}
