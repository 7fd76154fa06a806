ssckbSearch.terms("en","q",{"forms":{"quality":"qualiti","quotes":"quot"},"postings":{"qat":[7,5],"qatar":[7,5],"qu":[7,5],"qualiti":[3,97,1,64],"quechua":[7,5],"quot":[7,5]}});
