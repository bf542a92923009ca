using Backpack.StreamViewer;

// Exit codes: 0 done (duration elapsed, q or Ctrl+C), 1 runtime failure, 2 bad arguments, credentials or recording.
return await ViewerCommandLine.RunAsync(args, ViewerProgram.RunAsync);
