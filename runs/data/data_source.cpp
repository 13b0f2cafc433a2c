#include "runs/data/data_source.hpp"

#include <filesystem>
#include <numeric>

#include "engine/stream_keys.hpp"
#include "runs/data/idx_file.hpp"
#include "models/structured_data.hpp"
#include "runs/io/hdf5_file.hpp"
#include "runs/input/input_error.hpp"

namespace hebbmc::runs {

namespace {

// --- IDX sources ------------------------------------------------------------------------------

// Spins of the chosen items (D1; D1c with the mean training image `mean`), appended to `out`,
// their indices to `items`.
void append_binarised(const models::IdxImages& images, const std::vector<std::vector<std::int64_t>>& chosen,
                      const models::Binarisation& rule, const models::MeanImage& mean, std::vector<std::int8_t>& out,
                      std::vector<std::int64_t>& items, std::vector<int>* classes) {
  const std::int64_t N = images.rows * images.cols;
  for (std::size_t c = 0; c < chosen.size(); ++c)
    for (std::int64_t t : chosen[c]) {
      const std::vector<std::int8_t> s = models::binarise(images.image(t), N, rule, &mean);
      out.insert(out.end(), s.begin(), s.end());
      items.push_back(t);
      if (classes) classes->push_back(static_cast<int>(c));
    }
}

// Refuses a request for more items of a class than the file holds (names the parameter-file key).
void require_available(const DataSpec& spec, const std::vector<std::uint8_t>& labels, std::int64_t wanted,
                       const std::string& key, const std::string& file) {
  const std::vector<std::int64_t> have = models::class_counts(labels, spec.classes);
  for (std::size_t c = 0; c < have.size(); ++c)
    if (have[c] < wanted)
      throw InputError(spec.file, spec.line("data." + key), key,
                       std::to_string(wanted) + " items of class " + std::to_string(spec.classes[c]) + " requested, " +
                           file + " holds " + std::to_string(have[c]));
}

ClassData load_idx(const DataSpec& spec) {
  const models::LabelledImages train =
      models::read_labelled_images(spec.train_images, spec.train_labels, spec.label_count);
  const models::LabelledImages test = models::read_labelled_images(spec.test_images, spec.test_labels, spec.label_count);
  if (train.images.rows != test.images.rows || train.images.cols != test.images.cols)
    throw InputError(spec.test_images, 0, "",
                     "IDX: images are " + std::to_string(test.images.rows) + " x " + std::to_string(test.images.cols) +
                         ", the training images " + std::to_string(train.images.rows) + " x " +
                         std::to_string(train.images.cols));
  require_available(spec, train.labels, spec.M, "M", spec.train_labels);
  require_available(spec, test.labels, spec.test_per_class, "test_per_class", spec.test_labels);

  ClassData d;
  d.rows = train.images.rows;
  d.cols = train.images.cols;
  d.N = d.rows * d.cols;
  const bool fashion = spec.source == DataSourceKind::fashion_mnist;
  d.description = (fashion ? "Fashion-MNIST (" + spec.path + ")" : "IDX (" + spec.train_images + ", " + spec.test_images + ")");
  for (int c : spec.classes) d.class_names.push_back(fashion ? fashion_mnist_names()[c] : "label " + std::to_string(c));
  const auto train_items = models::select_per_class(train.labels, spec.classes, spec.M, spec.random_selection,
                                                    spec.seed, engine::streams::train_selection_tag);
  // D1c centres train and test images alike on the mean of the training images of all classes.
  models::MeanImage mean{std::vector<std::int64_t>(static_cast<std::size_t>(d.N), 0), 0};
  for (const auto& items : train_items)
    for (std::int64_t t : items) mean.add(train.images.image(t));
  append_binarised(train.images, train_items, spec.binarisation, mean, d.train, d.train_item, nullptr);
  append_binarised(test.images,
                   models::select_per_class(test.labels, spec.classes, spec.test_per_class, spec.random_selection,
                                            spec.seed, engine::streams::test_selection_tag),
                   spec.binarisation, mean, d.test, d.test_item, &d.test_class);
  return d;
}

// --- HDF5 source ------------------------------------------------------------------------------

[[noreturn]] void bad(const std::string& file, const std::string& what) { throw InputError(file, 0, "", what); }

// "[k, a, i]": the multi-index of flat entry e of an array of shape dims.
std::string index_text(std::size_t e, const std::vector<hsize_t>& dims) {
  std::string text;
  for (std::size_t k = dims.size(); k-- > 0;) {
    std::string part = std::to_string(e % dims[k]);
    if (!text.empty()) part.append(", ").append(text);  // appends only: GCC 12 -Wrestrict false positive
    text = part;
    e /= dims[k];
  }
  return "[" + text + "]";
}

// The entries of dataset `name`, refused unless each is -1, 0 or +1.
template <class T>
std::vector<std::int8_t> checked_spins(const std::vector<T>& stored, const std::string& file, const std::string& name,
                                       const std::vector<hsize_t>& dims) {
  std::vector<std::int8_t> v(stored.size());
  for (std::size_t e = 0; e < stored.size(); ++e) {
    if (stored[e] < -1 || stored[e] > 1)
      bad(file, "dataset '/" + name + "' entry " + index_text(e, dims) + " is " + std::to_string(stored[e]) +
                    "; expected -1, 0 or 1");
    v[e] = static_cast<std::int8_t>(stored[e]);
  }
  return v;
}

// Reads an integer dataset of the given rank with entries in {-1, 0, +1}; dims returned.
std::vector<std::int8_t> read_spins(const h5::Group& root, const std::string& file, const std::string& name, int rank,
                                    const std::string& shape, std::vector<hsize_t>& dims) {
  const h5::DatasetInfo info = root.inspect(name);
  if (!info.is_dataset) bad(file, "'/" + name + "' is not a dataset (expected " + shape + " int8 in {-1, 0, 1})");
  if (!info.integer) bad(file, "dataset '/" + name + "' has a non-integer type; expected int8 entries in {-1, 0, 1}");
  if (static_cast<int>(info.dims.size()) != rank)
    bad(file, "dataset '/" + name + "' has rank " + std::to_string(info.dims.size()) + "; expected " +
                  std::to_string(rank) + " (" + shape + ")");
  dims = info.dims;
  hsize_t total = 1;
  for (hsize_t s : dims) {
    if (s == 0) bad(file, "dataset '/" + name + "' is empty (a dimension is 0)");
    if (total > (hsize_t{1} << 32) / s) bad(file, "dataset '/" + name + "' has more than 2^32 entries");
    total *= s;
  }
  try {
    // A type wider than one byte is read wide, so that a value outside int8 is reported as
    // stored instead of clipped by the conversion.
    if (info.element_bytes > 1) return checked_spins(root.read_int64(name), file, name, dims);
    return checked_spins(root.read_int8(name), file, name, dims);
  } catch (const h5::H5Error&) {
    bad(file, "cannot read dataset '/" + name + "' (damaged?)");
  }
}

ClassData load_hdf5(const DataSpec& spec) {
  const std::string& path = spec.path;
  std::optional<h5::File> opened;
  try {
    opened.emplace(h5::File::open(path, false));  // the project's checks: missing, directory, empty, not HDF5
  } catch (const h5::H5Error& e) {
    bad(path, e.what());
  }
  const h5::Group root = opened->root();
  if (!root.has("examples"))
    bad(path, "no dataset '/examples' (expected K x M x N int8 in {-1, 0, 1}; docs/datasets.md)");
  std::vector<hsize_t> dims;
  const std::vector<std::int8_t> all = read_spins(root, path, "examples", 3, "K x M x N", dims);
  const auto K_file = static_cast<std::int64_t>(dims[0]), M_file = static_cast<std::int64_t>(dims[1]),
             N = static_cast<std::int64_t>(dims[2]);
  std::optional<std::vector<std::int8_t>> xi_file;
  if (root.has("archetypes")) {
    std::vector<hsize_t> adims;
    xi_file = read_spins(root, path, "archetypes", 2, "K x N", adims);
    if (static_cast<std::int64_t>(adims[0]) != K_file || static_cast<std::int64_t>(adims[1]) != N)
      bad(path, "dataset '/archetypes' is " + std::to_string(adims[0]) + " x " + std::to_string(adims[1]) +
                    ", '/examples' has K = " + std::to_string(K_file) + " and N = " + std::to_string(N));
  }
  for (int c : spec.classes)
    if (c >= K_file)
      throw InputError(spec.file, spec.line("data.classes"), "classes",
                       "class " + std::to_string(c) + " out of range: " + path + " holds K = " + std::to_string(K_file) + " classes");
  if (spec.M + spec.test_per_class > M_file)
    throw InputError(spec.file, spec.line("data.M"), "M",
                     "M + test_per_class = " + std::to_string(spec.M + spec.test_per_class) + " examples per class needed, " +
                         path + " holds " + std::to_string(M_file));

  ClassData d;
  d.N = N;
  d.description = "HDF5 (" + path + ")";
  if (xi_file) d.archetypes.emplace();
  for (int c : spec.classes) {
    d.class_names.push_back("class " + std::to_string(c));
    // Order of the file's examples of this class: as stored, or a seeded permutation.
    std::vector<std::int64_t> order(static_cast<std::size_t>(M_file));
    std::iota(order.begin(), order.end(), 0);
    if (spec.random_selection) {
      engine::Stream rng(engine::streams::class_selection(spec.seed, c, engine::streams::file_order_tag));
      for (std::int64_t j = 0; j + 1 < M_file; ++j)
        std::swap(order[j], order[j + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(M_file - j)))]);
    }
    for (std::int64_t j = 0; j < spec.M + spec.test_per_class; ++j) {
      const std::int8_t* e = all.data() + (c * M_file + order[j]) * N;
      auto& out = j < spec.M ? d.train : d.test;
      out.insert(out.end(), e, e + N);
      (j < spec.M ? d.train_item : d.test_item).push_back(order[j]);
      if (j >= spec.M) d.test_class.push_back(static_cast<int>(d.class_names.size() - 1));
    }
    if (xi_file) d.archetypes->insert(d.archetypes->end(), xi_file->begin() + c * N, xi_file->begin() + (c + 1) * N);
  }
  return d;
}

}  // namespace

const std::vector<std::string>& fashion_mnist_names() {
  static const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                              "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  return names;
}

ClassData load_class_data(const DataSpec& spec) {
  return spec.source == DataSourceKind::hdf5 ? load_hdf5(spec) : load_idx(spec);
}

}  // namespace hebbmc::runs
