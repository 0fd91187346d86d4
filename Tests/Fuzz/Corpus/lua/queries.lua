return calls:where{modality="audio", network="wifi"}:by("building"):summary(), calls:poor():top("subnet", 5), #calls:between("-7d")
