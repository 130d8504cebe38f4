import RAFT
import LAPACK

@main
struct RAFTBench {
    static func main() {
        BLAS.setSingleThreaded()
        print("raft-bench: not implemented yet")
    }
}
