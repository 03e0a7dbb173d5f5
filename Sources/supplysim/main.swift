import SupplySimCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(SupplySimCommand.main(Array(CommandLine.arguments.dropFirst())))
