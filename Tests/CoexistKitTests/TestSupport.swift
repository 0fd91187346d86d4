/// Every file of this target sees the shared harness and test tenant without importing it.
@_exported import CoexistTestSupport
