#pragma once
// `hebbmc data FILE.toml`: learning from structured data (docs/datasets.md, "The parameter file").
// The file has exactly three tables, [model], [dynamics] and [data]; every problem is an InputError
// naming file, line and key, raised before any data are read.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "models/structured_data.hpp"
#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

/// Where the examples come from.
enum class DataSourceKind {
  fashion_mnist,  ///< the four gzip IDX files of Fashion-MNIST in one directory
  idx,            ///< four IDX files named one by one (MNIST format, plain or gzip)
  hdf5,           ///< the user's HDF5 file: `examples` (K x M x N int8) and optional `archetypes` (K x N)
};

/// What a test pattern's overlaps are taken with, and so what it is classified by (docs/datasets.md D5).
enum class ProxyKind {
  sign,  ///< the archetypes: sign of the class mean (D2), or those the HDF5 input gives
  mean,  ///< the class mean itself, the teacher average yhat^mu = w^mu / M (eq. L1)
};

/// A parsed, validated `hebbmc data` input.
struct DataSpec {
  std::string file;  ///< file label used in messages
  std::string text;  ///< the file's text, verbatim (stored in the output)

  ModelType type = ModelType::supervised;   ///< supervised or unsupervised
  Evaluation evaluation = Evaluation::exact;///< unsupervised only: exact or Plefka mode
  int P = 4;                                ///< interaction order (even, >= 2)

  Rule rule = Rule::zero_temperature;  ///< update rule
  double beta = 0;                     ///< inverse temperature, +inf for zero_temperature
  std::int64_t sweeps = 0;             ///< sweeps per test image (zero_temperature: at most, stops at a fixed point)

  DataSourceKind source = DataSourceKind::fashion_mnist;  ///< where the examples come from
  std::string path;                ///< fashion-mnist: directory; hdf5: file
  std::string train_images, train_labels, test_images, test_labels;  ///< IDX files (fashion-mnist: derived from path)
  int label_count = 10;            ///< IDX labels must be < label_count
  std::vector<int> classes;        ///< labels (IDX) or class indices (HDF5) used, in this order
  std::int64_t M = 0;              ///< training examples per class
  std::int64_t test_per_class = 0; ///< held-out test images per class
  models::Binarisation binarisation;  ///< IDX only: pixel -> spin rule (docs/datasets.md, D1)
  ProxyKind proxy = ProxyKind::sign;  ///< the overlaps that classify (D5)
  bool random_selection = false;   ///< choose examples at random (seeded) instead of the first in file order
  std::uint64_t seed = 1;          ///< seed of every random stream (selection, dynamics)
  std::string output;              ///< HDF5 output path

  std::map<std::string, int> lines;  ///< line of each key as "table.key", for errors found later
  /// Line of "table.key" (0 if absent).
  int line(const std::string& key) const {
    const auto it = lines.find(key);
    return it == lines.end() ? 0 : it->second;
  }
};

/// True when `file` parses as TOML with a top-level [data] table, the mark of a `hebbmc data` file
/// (false for anything else, whose errors the run-file reader then reports).
bool is_data_file(const std::filesystem::path& file);
/// Reads and validates a `hebbmc data` file; every problem is an InputError naming file, line and key.
DataSpec load_data_spec(const std::filesystem::path& file);
/// Same from text; `file_label` names it in messages.
DataSpec parse_data_spec(std::string_view text, const std::string& file_label);

/// Display name of a source ("fashion-mnist", "idx", "hdf5").
std::string to_string(DataSourceKind kind);

}  // namespace hebbmc::runs
