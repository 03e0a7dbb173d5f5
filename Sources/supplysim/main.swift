import SupplySimCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

exit(SupplySimCommand.main(Array(CommandLine.arguments.dropFirst())))
