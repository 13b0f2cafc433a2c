#pragma once
// Loads the training examples and held-out test patterns of `hebbmc data` from its source
// (docs/datasets.md, "Sources"): Fashion-MNIST or any IDX set (binarised by D1), or the user's HDF5
// file of spins. Every problem with the files or with the sizes the parameter file asks for is an
// InputError naming the file (and the parameter-file key when the request is at fault).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runs/input/data_spec.hpp"

namespace hebbmc::runs {

/// Training and test spins of the K chosen classes, ready for models::StructuredData.
struct ClassData {
  std::string description;               ///< one line: where the data came from
  std::int64_t N = 0;                    ///< sites (pixels) per pattern
  std::int64_t rows = 0, cols = 0;       ///< image shape (IDX sources), 0 for HDF5
  std::vector<std::string> class_names;  ///< name of each chosen class
  std::vector<std::int8_t> train;        ///< K x M x N, class-major, entries in {-1, 0, +1}
  std::optional<std::vector<std::int8_t>> archetypes;  ///< K x N if the HDF5 file gives them
  std::vector<std::int8_t> test;         ///< K*test_per_class x N, class-major
  std::vector<std::int64_t> train_item;  ///< index in the source of each training example (K x M)
  std::vector<std::int64_t> test_item;   ///< index in the source of each test pattern
  std::vector<int> test_class;           ///< class index (0..K-1) of each test pattern
};

/// Reads the source named by `spec` and selects the examples; throws InputError.
ClassData load_class_data(const DataSpec& spec);

/// Names of the ten Fashion-MNIST labels, "T-shirt/top" .. "Ankle boot".
const std::vector<std::string>& fashion_mnist_names();

}  // namespace hebbmc::runs
