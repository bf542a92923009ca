using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project tests/Backpack.WebSockets.Benchmarks -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
