ssckbSearch.terms("en","9",{"forms":{},"postings":{"9072":[7,9],"92":[7,9],"978":[7,15],"99":[7,5]}});
