ssckbSearch.terms("en","q",{"forms":{"quality":"qualiti"},"postings":{"qat":[7,5],"qatar":[7,5],"qualiti":[3,97,1,62]}});
