import Dispatch

/// One half-sweep of implicit ALS: with the other side's factors Y fixed, the factors of every
/// row of `confidences` (users, or items for the transposed matrix) minimising
/// Σᵢ cᵢ(pᵢ − x·yᵢ)² + λ‖x‖², i.e. solving (YᵀCY + λI)x = YᵀCp (Hu, Koren & Volinsky 2008,
/// eq. 4), where the sum runs over all columns but only stored entries have c ≠ 1 or p = 1.
/// YᵀCY = YᵀY + Σ_stored (c − 1)yᵢyᵢᵀ: the Gram matrix is computed once per half-sweep, so a row
/// costs time in its own number of entries. Rows without entries get zero factors, as in implicit.
///
/// The arithmetic follows implicit's `_least_squares_cg` and `_least_squares` step for step
/// (in Double, as implicit with `dtype=float64`), which is what lets the reference test compare
/// factors after a few sweeps.
struct ImplicitLeastSquares {
    let factors: Int
    let regularization: Double
    let solver: ALSSolver

    /// Updates `rows` (rowCount × factors, row-major) in place from `other` (columnCount × factors),
    /// on `threads` threads. Every row is solved by the same arithmetic whichever thread solves
    /// it, so the result does not depend on `threads`.
    func solve(_ confidences: InteractionMatrix, rows: inout [Double], other: [Double], threads: Int) {
        let n = factors
        var gram = [Double](repeating: 0, count: n * n)
        other.withUnsafeBufferPointer { other in
            gram.withUnsafeMutableBufferPointer { gram in
                Self.gram(of: other, columnCount: confidences.columnCount, factors: n, into: gram)
                for diagonal in 0..<n { gram[diagonal * n + diagonal] += regularization }
            }
        }
        confidences.columns.withUnsafeBufferPointer { columns in
            confidences.values.withUnsafeBufferPointer { values in
                rows.withUnsafeMutableBufferPointer { rows in
                    other.withUnsafeBufferPointer { other in
                        gram.withUnsafeBufferPointer { gram in
                            let storage = HalfSweepStorage(
                                rowStarts: confidences.rowStarts, columns: columns.baseAddress, confidences: values.baseAddress,
                                rows: rows.baseAddress, other: other.baseAddress, gram: gram.baseAddress)
                            let chunks = chunkBounds(confidences, chunkCount: threads <= 1 ? 1 : threads * 8)
                            if chunks.count <= 2 {
                                solveRows(0..<confidences.rowCount, storage)
                            } else {
                                DispatchQueue.concurrentPerform(iterations: chunks.count - 1) { chunk in
                                    solveRows(chunks[chunk]..<chunks[chunk + 1], storage)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Solves `range`'s rows with scratch space of its own.
    private func solveRows(_ range: Range<Int>, _ storage: HalfSweepStorage) {
        let n = factors
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: n * n + 4 * n)
        defer { scratch.deallocate() }
        scratch.initialize(repeating: 0)
        for row in range {
            let x = storage.rows! + row * n
            let start = storage.rowStarts[row]
            let count = storage.rowStarts[row + 1] - start
            guard count > 0 else {
                x.update(repeating: 0, count: n)
                continue
            }
            let problem = RowProblem(
                columns: storage.columns! + start, confidences: storage.confidences! + start, count: count,
                other: storage.other!, factors: n, gram: storage.gram!)
            switch solver {
            case .conjugateGradient(let steps):
                problem.conjugateGradient(x, steps: steps, scratch: scratch.baseAddress!)
            case .cholesky:
                problem.cholesky(x, scratch: scratch)
            }
        }
    }

    /// Row boundaries cutting the rows into `chunkCount` runs of about equal work (entries plus
    /// the f² of the Gram product every row pays), first 0 and last rowCount.
    private func chunkBounds(_ confidences: InteractionMatrix, chunkCount: Int) -> [Int] {
        let rowCount = confidences.rowCount
        let cost = { (row: Int) in confidences.rowStarts[row] * factors + row * factors * factors }
        let total = cost(rowCount)
        var bounds = [0]
        var row = 0
        for chunk in 1..<max(chunkCount, 1) {
            let target = total / chunkCount * chunk
            while row < rowCount, cost(row) < target { row += 1 }
            if row > bounds[bounds.count - 1] { bounds.append(row) }
        }
        if bounds[bounds.count - 1] < rowCount || rowCount == 0 { bounds.append(rowCount) }
        return bounds
    }

    /// YᵀY, summed over rows of Y in order.
    static func gram(
        of other: UnsafeBufferPointer<Double>, columnCount: Int, factors n: Int, into gram: UnsafeMutableBufferPointer<Double>
    ) {
        gram.update(repeating: 0)
        for column in 0..<columnCount {
            let y = other.baseAddress! + column * n
            for k in 0..<n { VectorKernels.axpy(y[k], y, gram.baseAddress! + k * n, count: n) }
        }
    }
}

/// The least-squares problem of one row: its stored entries (columns and confidences) and the
/// shared (YᵀY + λI). Raw pointers, valid for the duration of one solve.
struct RowProblem {
    let columns: UnsafePointer<Int32>
    let confidences: UnsafePointer<Float>
    let count: Int
    let other: UnsafePointer<Double>
    let factors: Int
    let gram: UnsafePointer<Double>

    /// implicit's CG: r = YᵀCp − YᵀCYx from the current x, then `steps` conjugate-gradient
    /// steps, stopping early once ‖r‖² < 1e-20.
    func conjugateGradient(_ x: UnsafeMutablePointer<Double>, steps: Int, scratch: UnsafeMutablePointer<Double>) {
        let n = factors
        let r = scratch, p = scratch + n, product = scratch + 2 * n
        VectorKernels.symmetricMultiply(gram, x, into: r, dimension: n)
        for k in 0..<n { r[k] = -r[k] }
        var entry = 0
        while entry < count {
            let confidence = Double(confidences[entry])
            let y = other + Int(columns[entry]) * n
            VectorKernels.axpy(confidence - (confidence - 1) * VectorKernels.dot(y, x, count: n), y, r, count: n)
            entry += 1
        }
        p.update(from: r, count: n)
        var residual = VectorKernels.dot(r, r, count: n)
        guard residual >= 1e-20 else { return }
        for _ in 0..<steps {
            VectorKernels.symmetricMultiply(gram, p, into: product, dimension: n)
            entry = 0
            while entry < count {
                let confidence = Double(confidences[entry])
                let y = other + Int(columns[entry]) * n
                VectorKernels.axpy((confidence - 1) * VectorKernels.dot(y, p, count: n), y, product, count: n)
                entry += 1
            }
            let step = residual / VectorKernels.dot(p, product, count: n)
            VectorKernels.axpy(step, p, x, count: n)
            VectorKernels.axpy(-step, product, r, count: n)
            let next = VectorKernels.dot(r, r, count: n)
            if next < 1e-20 { return }
            let ratio = next / residual
            for k in 0..<n { p[k] = ratio * p[k] + r[k] }
            residual = next
        }
    }

    /// The exact solution: A = YᵀY + λI + Σ (c − 1)yyᵀ (its lower triangle), b = Σ c·y, x = A⁻¹b by
    /// Cholesky. With λ > 0 A is positive definite; should it not be numerically (λ = 0 and too
    /// few entries), x is left as it was rather than made NaN.
    func cholesky(_ x: UnsafeMutablePointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) {
        let n = factors
        let matrix = UnsafeMutableBufferPointer(rebasing: scratch[0..<(n * n)])
        let solution = UnsafeMutableBufferPointer(rebasing: scratch[(n * n)..<(n * n + n)])
        matrix.baseAddress!.update(from: gram, count: n * n)
        solution.update(repeating: 0)
        for entry in 0..<count {
            let confidence = Double(confidences[entry])
            let y = other + Int(columns[entry]) * n
            VectorKernels.axpy(confidence, y, solution.baseAddress!, count: n)
            // Only the lower triangle: the Cholesky factorisation reads no more.
            for k in 0..<n { VectorKernels.axpy((confidence - 1) * y[k], y, matrix.baseAddress! + k * n, count: k + 1) }
        }
        if CholeskySolver.solveInPlace(matrix, dimension: n, rightHandSide: solution) {
            x.update(from: solution.baseAddress!, count: n)
        }
    }
}

/// What the concurrent chunks of one half-sweep share: the confidence matrix, the factors being
/// solved, the fixed factors of the other side and their Gram matrix (YᵀY + λI).
///
/// `@unchecked Sendable` because it holds raw pointers: during a half-sweep each chunk writes only
/// the rows of `rows` in its own range, and everything else is only read; nothing is written to it
/// by anyone else until `concurrentPerform` has returned, i.e. every chunk has finished.
private struct HalfSweepStorage: @unchecked Sendable {
    let rowStarts: [Int]
    let columns: UnsafePointer<Int32>?
    let confidences: UnsafePointer<Float>?
    let rows: UnsafeMutablePointer<Double>?
    let other: UnsafePointer<Double>?
    let gram: UnsafePointer<Double>?
}
