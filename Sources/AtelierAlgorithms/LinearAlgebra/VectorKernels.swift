/// The dense vector operations of the factor models, on raw buffers so that hot loops neither
/// allocate nor check bounds. `dot` sums in four interleaved partial sums (a fixed order, so
/// results are reproducible everywhere) that the optimiser can keep in one vector register; a
/// single running sum would serialise every addition. Plain scalar code rather than SIMD types,
/// which unoptimised (debug) builds run many times slower.
enum VectorKernels {
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    static func dot<Scalar: BinaryFloatingPoint>(_ left: UnsafePointer<Scalar>, _ right: UnsafePointer<Scalar>, count: Int) -> Scalar {
        var sum0: Scalar = 0
        var sum1: Scalar = 0
        var sum2: Scalar = 0
        var sum3: Scalar = 0
        var index = 0
        while index + 4 <= count {
            sum0 += left[index] * right[index]
            sum1 += left[index + 1] * right[index + 1]
            sum2 += left[index + 2] * right[index + 2]
            sum3 += left[index + 3] * right[index + 3]
            index += 4
        }
        var total = (sum0 + sum1) + (sum2 + sum3)
        while index < count {
            total += left[index] * right[index]
            index += 1
        }
        return total
    }

    /// y += a·x.
    static func axpy(_ scale: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        var index = 0
        while index < count {
            y[index] += scale * x[index]
            index += 1
        }
    }

    /// y = M·x for a symmetric n × n row-major M, as a sum of M's rows (= columns) scaled by x's
    /// entries: independent lanes that vectorise, unlike n dot products.
    static func symmetricMultiply(
        _ matrix: UnsafePointer<Double>, _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, dimension n: Int
    ) {
        y.update(repeating: 0, count: n)
        var k = 0
        while k < n {
            axpy(x[k], matrix + k * n, y, count: n)
            k += 1
        }
    }
}
