//! The element-wise and row-wise steps of the encoder, written so the compiler turns them into
//! vector instructions: exponential, error function, GELU, softmax, layer normalisation, and
//! the matrix product (through the `gemm` crate, which candle uses too).
//!
//! Each kernel has a plain version and, on x86-64, the same code compiled for AVX2 + FMA,
//! chosen at run time when the processor has them. The exponential and the error function are
//! polynomial approximations without branches (so they vectorise): the exponential reduces
//! its argument to `n·ln 2 + r` with |r| ≤ ln 2 / 2 and sums the series of `e^r` to the 7th
//! term (relative error below 2e-7); the error function is the Abramowitz–Stegun formula
//! 7.1.26 (absolute error below 1.5e-7, 1e-6 once computed in f32), far below what separates two sentence
//! vectors.

/// `e^x` for every element of `xs`, in place.
#[inline(always)]
fn exp_one(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    const LN2_HI: f32 = 0.693_145_75;
    const LN2_LO: f32 = 1.428_606_8e-6;
    // Adding and subtracting 1.5·2^23 rounds to the nearest integer without a branch.
    const ROUND: f32 = 12_582_912.0;
    let x = x.clamp(-87.0, 88.0);
    let n = (x * LOG2E + ROUND) - ROUND;
    let r = x - n * LN2_HI - n * LN2_LO;
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0
                    + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0 + r / 5040.0))))));
    let scale = f32::from_bits((((n as i32) + 127) as u32) << 23);
    p * scale
}

/// The error function (Abramowitz–Stegun 7.1.26, odd-extended to negative arguments).
#[inline(always)]
fn erf_one(x: f32) -> f32 {
    const P: f32 = 0.327_591_1;
    const A1: f32 = 0.254_829_6;
    const A2: f32 = -0.284_496_74;
    const A3: f32 = 1.421_413_7;
    const A4: f32 = -1.453_152;
    const A5: f32 = 1.061_405_4;
    let a = x.abs();
    let t = 1.0 / (1.0 + P * a);
    let poly = t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5))));
    let y = 1.0 - poly * exp_one(-a * a);
    y.copysign(x)
}

#[inline(always)]
fn gelu_plain(xs: &mut [f32]) {
    const INV_SQRT2: f32 = std::f32::consts::FRAC_1_SQRT_2;
    for x in xs.iter_mut() {
        *x = 0.5 * *x * (1.0 + erf_one(*x * INV_SQRT2));
    }
}

/// The sum of `xs`, in eight running sums (a fixed order the compiler can vectorise).
#[inline(always)]
fn sum_lanes(xs: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let chunks = xs.chunks_exact(8);
    let rest: f32 = chunks.remainder().iter().sum();
    for c in chunks {
        for (a, x) in acc.iter_mut().zip(c) {
            *a += x;
        }
    }
    acc.iter().sum::<f32>() + rest
}

/// The largest of `xs` (−∞ for none), in eight running maxima.
#[inline(always)]
fn max_lanes(xs: &[f32]) -> f32 {
    let mut acc = [f32::NEG_INFINITY; 8];
    let chunks = xs.chunks_exact(8);
    let rest = chunks
        .remainder()
        .iter()
        .fold(f32::NEG_INFINITY, |m, &x| if x > m { x } else { m });
    for c in chunks {
        for (a, &x) in acc.iter_mut().zip(c) {
            *a = if x > *a { x } else { *a };
        }
    }
    acc.iter().fold(rest, |m, &x| if x > m { x } else { m })
}

#[inline(always)]
fn softmax_plain(row: &mut [f32]) {
    let max = max_lanes(row);
    for x in row.iter_mut() {
        *x = exp_one(*x - max);
    }
    let sum = sum_lanes(row);
    let inv = 1.0 / sum;
    for x in row.iter_mut() {
        *x *= inv;
    }
}

#[inline(always)]
fn layer_norm_plain(rows: &mut [f32], bias: &[f32], gamma: &[f32], beta: &[f32], eps: f32) {
    let h = gamma.len();
    for row in rows.chunks_exact_mut(h) {
        for (x, b) in row.iter_mut().zip(bias) {
            *x += b;
        }
        let mean = sum_lanes(row) / h as f32;
        let mut sq = [0f32; 8];
        let chunks = row.chunks_exact(8);
        let rest: f32 = chunks
            .remainder()
            .iter()
            .map(|x| (x - mean) * (x - mean))
            .sum();
        for c in chunks {
            for (a, x) in sq.iter_mut().zip(c) {
                *a += (x - mean) * (x - mean);
            }
        }
        let var = (sq.iter().sum::<f32>() + rest) / h as f32;
        let inv = 1.0 / (var + eps).sqrt();
        for ((x, g), b) in row.iter_mut().zip(gamma).zip(beta) {
            *x = (*x - mean) * inv * g + b;
        }
    }
}

#[inline(always)]
fn add_rows_plain(rows: &mut [f32], bias: &[f32]) {
    for row in rows.chunks_exact_mut(bias.len()) {
        for (x, b) in row.iter_mut().zip(bias) {
            *x += b;
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn gelu(xs: &mut [f32]) {
        super::gelu_plain(xs)
    }
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn softmax_rows(rows: &mut [f32], width: usize) {
        for row in rows.chunks_exact_mut(width) {
            super::softmax_plain(row)
        }
    }
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn layer_norm(rows: &mut [f32], bias: &[f32], g: &[f32], b: &[f32], eps: f32) {
        super::layer_norm_plain(rows, bias, g, b, eps)
    }
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn add_rows(rows: &mut [f32], bias: &[f32]) {
        super::add_rows_plain(rows, bias)
    }
}

#[cfg(target_arch = "x86_64")]
fn has_avx2() -> bool {
    std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma")
}

/// `x ← GELU(x)` (the exact form, with the error function) for every element.
pub fn gelu(xs: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if has_avx2() {
        // SAFETY: the processor has AVX2 and FMA (checked above).
        return unsafe { avx2::gelu(xs) };
    }
    gelu_plain(xs)
}

/// Softmax of every row of `width` numbers of `rows`, in place.
pub fn softmax_rows(rows: &mut [f32], width: usize) {
    if width == 0 {
        return;
    }
    #[cfg(target_arch = "x86_64")]
    if has_avx2() {
        // SAFETY: as in `gelu`.
        return unsafe { avx2::softmax_rows(rows, width) };
    }
    for row in rows.chunks_exact_mut(width) {
        softmax_plain(row)
    }
}

/// For every row of `gamma.len()` numbers: add `bias`, then normalise to mean 0 and variance
/// 1 (with `eps` added to the variance), then scale by `gamma` and shift by `beta`.
pub fn layer_norm(rows: &mut [f32], bias: &[f32], gamma: &[f32], beta: &[f32], eps: f32) {
    #[cfg(target_arch = "x86_64")]
    if has_avx2() {
        // SAFETY: as in `gelu`.
        return unsafe { avx2::layer_norm(rows, bias, gamma, beta, eps) };
    }
    layer_norm_plain(rows, bias, gamma, beta, eps)
}

/// Add `bias` to every row of `bias.len()` numbers.
pub fn add_rows(rows: &mut [f32], bias: &[f32]) {
    #[cfg(target_arch = "x86_64")]
    if has_avx2() {
        // SAFETY: as in `gelu`.
        return unsafe { avx2::add_rows(rows, bias) };
    }
    add_rows_plain(rows, bias)
}

/// A matrix in a slice: element (i, j) at `data[i·row_stride + j·col_stride]`.
#[derive(Clone, Copy)]
pub struct Mat<'a> {
    pub data: &'a [f32],
    pub rows: usize,
    pub cols: usize,
    pub row_stride: usize,
    pub col_stride: usize,
}

impl<'a> Mat<'a> {
    /// A row-major `rows × cols` matrix.
    pub fn rows(data: &'a [f32], rows: usize, cols: usize) -> Mat<'a> {
        Mat {
            data,
            rows,
            cols,
            row_stride: cols,
            col_stride: 1,
        }
    }

    /// The transpose (no copy).
    pub fn t(self) -> Mat<'a> {
        Mat {
            data: self.data,
            rows: self.cols,
            cols: self.rows,
            row_stride: self.col_stride,
            col_stride: self.row_stride,
        }
    }

    /// The columns `from..from + n` (no copy).
    pub fn cols(self, from: usize, n: usize) -> Mat<'a> {
        Mat {
            data: &self.data[from * self.col_stride..],
            cols: n,
            ..self
        }
    }

    /// The highest index an element of this matrix has in `data`, plus one.
    fn extent(&self) -> usize {
        if self.rows == 0 || self.cols == 0 {
            return 0;
        }
        (self.rows - 1) * self.row_stride + (self.cols - 1) * self.col_stride + 1
    }
}

/// `out ← scale · a·b` (or `out ← out + scale · a·b` when `accumulate`), where `out` is
/// row-major with rows `out_stride` apart. One thread: the encoder runs texts side by side
/// rather than splitting one product.
///
/// Panics when a matrix does not fit its slice or the shapes do not agree (a bug, not an
/// input error: the shapes come from the model's configuration, checked at load).
pub fn matmul(out: &mut [f32], out_stride: usize, a: Mat, b: Mat, scale: f32, accumulate: bool) {
    assert_eq!(a.cols, b.rows, "inner dimensions differ");
    let (m, n, k) = (a.rows, b.cols, a.cols);
    assert!(a.extent() <= a.data.len() && b.extent() <= b.data.len());
    if m == 0 || n == 0 {
        return;
    }
    assert!(
        (m - 1) * out_stride + n <= out.len(),
        "the result does not fit"
    );
    // SAFETY: every element read or written lies inside its slice (asserted above); `out`
    // does not overlap `a` or `b` (it is borrowed mutably while they are borrowed shared).
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            out.as_mut_ptr(),
            1,
            out_stride as isize,
            accumulate,
            a.data.as_ptr(),
            a.col_stride as isize,
            a.row_stride as isize,
            b.data.as_ptr(),
            b.col_stride as isize,
            b.row_stride as isize,
            1.0,
            scale,
            false,
            false,
            false,
            gemm::Parallelism::None,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_and_erf_are_close_to_the_library_functions() {
        let mut worst_exp = 0f64;
        let mut worst_erf = 0f64;
        for i in -8000..=8000 {
            let x = i as f32 / 100.0;
            let e = exp_one(x) as f64;
            let want = (x as f64).exp();
            worst_exp = worst_exp.max(((e - want) / want).abs());
            // The series loses precision past 3; there erf is within 2.3e-5 of ±1.
            let x = i as f32 * 3.0 / 8000.0;
            let want = erf_series(x as f64);
            worst_erf = worst_erf.max((erf_one(x) as f64 - want).abs());
        }
        assert!(worst_exp < 5e-7, "exp relative error {worst_exp}");
        assert!(worst_erf < 1e-6, "erf error {worst_erf}");
        for x in [3.5f32, 4.0, 6.0, 100.0] {
            assert!((erf_one(x) - 1.0).abs() < 1e-5 && (erf_one(-x) + 1.0).abs() < 1e-5);
        }
        assert_eq!(exp_one(-1000.0), exp_one(-87.0));
        assert!(exp_one(-87.0) > 0.0 && exp_one(-87.0) < 1e-37);
    }

    /// The error function by its series (slow, exact enough for |x| ≤ 3).
    fn erf_series(x: f64) -> f64 {
        // erf x = 2/√π · Σ (-1)^n x^(2n+1) / (n! (2n+1))
        let mut term = x;
        let mut sum = x;
        for n in 1..200 {
            term *= -x * x / n as f64;
            sum += term / (2 * n + 1) as f64;
        }
        sum * 2.0 / std::f64::consts::PI.sqrt()
    }

    #[test]
    fn gelu_softmax_and_layer_norm_by_hand() {
        let mut g = [0.0, 1.0, -1.0, 3.0];
        gelu(&mut g);
        // GELU(1) = Φ(1) = 0.841345; GELU(-1) = -(1 - Φ(1)); GELU(3) = 3·Φ(3).
        let want = [0.0, 0.841_344_7, -0.158_655_3, 2.995_950_5];
        for (a, b) in g.iter().zip(want) {
            assert!((a - b).abs() < 1e-6, "{g:?}");
        }
        let mut s = [1.0, 2.0, 3.0, 1000.0, 1000.0, -1000.0];
        softmax_rows(&mut s, 3);
        let e = [1f32.exp(), 2f32.exp(), 3f32.exp()];
        let total: f32 = e.iter().sum();
        for (a, b) in s[..3].iter().zip(e.iter().map(|x| x / total)) {
            assert!((a - b).abs() < 1e-6, "{s:?}");
        }
        assert!((s[3] - 0.5).abs() < 1e-6 && (s[4] - 0.5).abs() < 1e-6 && s[5] < 1e-30);
        let mut rows = [1.0, 2.0, 3.0, 4.0, 0.0, 0.0, 0.0, 0.0];
        layer_norm(&mut rows, &[0.0; 4], &[2.0; 4], &[1.0; 4], 0.0);
        // mean 2.5, variance 1.25: (x - 2.5)/√1.25 · 2 + 1.
        let s = 1.25f32.sqrt();
        for (a, x) in rows[..4].iter().zip([1.0f32, 2.0, 3.0, 4.0]) {
            assert!((a - ((x - 2.5) / s * 2.0 + 1.0)).abs() < 1e-5, "{rows:?}");
        }
    }

    #[test]
    fn matmul_with_strides_and_transposes() {
        // a: 2×3, w: 2×3 (a linear layer's weight, output × input): a·wᵀ is 2×2.
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let w = [1.0, 0.0, -1.0, 0.5, 0.5, 0.5];
        let mut out = [10.0; 4];
        matmul(
            &mut out,
            2,
            Mat::rows(&a, 2, 3),
            Mat::rows(&w, 2, 3).t(),
            2.0,
            false,
        );
        assert_eq!(out, [-4.0, 6.0, -4.0, 15.0]);
        // Accumulate, and take the columns 1..3 of a (2×2) times the first two rows of w
        // seen as 2×3 column-sliced to 2×2.
        let mut out = [1.0; 4];
        matmul(
            &mut out,
            2,
            Mat::rows(&a, 2, 3).cols(1, 2),
            Mat::rows(&w, 2, 3).cols(0, 2),
            1.0,
            true,
        );
        // [2 3; 5 6] · [1 0; 0.5 0.5] = [3.5 1.5; 8 3]
        assert_eq!(out, [4.5, 2.5, 9.0, 4.0]);
    }
}
